import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { RunImport } from './run-import';

export const IMPORT_QUEUE = 'audience-import';

export interface ImportCsvJob {
  importId: number;
}

@Processor(IMPORT_QUEUE, { autorun: false, concurrency: 1 })
export class ImportCsvProcessor extends WorkerHost {
  constructor(private readonly runImport: RunImport) {
    super();
  }

  async process(job: Job<ImportCsvJob>): Promise<void> {
    await this.runImport.execute(job.data.importId);
  }
}
