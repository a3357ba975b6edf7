import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in the user's words ("le panneau Temps de trajet"). */
  what: string;
  onError?(e: unknown): void;
  children: ReactNode;
}

/**
 * Keeps a failing panel (or the map) from taking the whole workspace down: React unmounts the tree on an
 * uncaught render error, so each registry panel renders inside one of these.
 */
export class ErrorBoundary extends Component<Props, { failed: Error | null }> {
  state = { failed: null as Error | null };

  static getDerivedStateFromError(failed: Error) {
    return { failed };
  }

  componentDidCatch(error: Error) {
    console.error(`${this.props.what}:`, error);
    this.props.onError?.(new Error(`${this.props.what} a rencontré une erreur : ${error.message}`));
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="panel notice small" role="alert">
        {this.props.what} ne peut pas s'afficher ({this.state.failed.message}).{' '}
        <button className="link small" onClick={() => this.setState({ failed: null })}>
          Réessayer
        </button>
      </section>
    );
  }
}
