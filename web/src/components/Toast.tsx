export function Toast({ message, onClose }: { message: string | null; onClose(): void }) {
  if (!message) return null;
  return (
    <div className="toast" role="alert" data-testid="toast">
      <span>{message}</span>
      <button className="icon" onClick={onClose} aria-label="Fermer">×</button>
    </div>
  );
}
