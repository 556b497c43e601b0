/** Things started in order and stopped in reverse order, each step logged and isolated. */
export class ShutdownStack {
  private readonly steps: { name: string; stop: () => Promise<void> }[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  push(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  /** Idempotent: a second Ctrl-C while stopping waits for the same shutdown. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        try {
          await step.stop();
          this.log(`Stopped ${step.name}`);
        } catch (error) {
          this.log(`Stopping ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}
