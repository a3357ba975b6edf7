import { Component, type ReactNode } from 'react';
import { errors } from '../lib/messages';

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
    // the user reads French words; the (English, technical) detail stays in the console
    this.props.onError?.(new Error(errors.panelFailed(this.props.what)));
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="panel notice small" role="alert">
        {errors.panelFailed(this.props.what)}{' '}
        <button className="link small" onClick={() => this.setState({ failed: null })}>
          {errors.retry}
        </button>
      </section>
    );
  }
}
