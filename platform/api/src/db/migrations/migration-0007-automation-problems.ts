import { Migration } from '@mikro-orm/migrations';

export class Migration0007AutomationProblems extends Migration {
  override name = 'Migration0007AutomationProblems';

  override up(): void {
    // The administrator's list of steps parked on a failure reads only the failed rows, newest
    // first, however long the automation history grows.
    this.addSql(
      "CREATE INDEX automation_log_failed_idx ON automation_log (at DESC, id DESC) WHERE status = 'failed'",
    );
    // Owed starts are listed oldest first.
    this.addSql('CREATE INDEX process_start_outbox_created_idx ON process_start_outbox (created_at, id)');
  }
}
