import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../../../../test/support/event-store.contract';
import { createEmbeddedEventStore } from '../factory';

const dataDir = mkdtempSync(join(tmpdir(), 'kamflow-pglite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeEventStoreContract('embedded (PGlite)', {
  concurrent: false,
  open: () => createEmbeddedEventStore({ dataDir }),
});

describe('the embedded event store', () => {
  it('keeps its events across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kamflow-pglite-restart-'));
    try {
      const first = await createEmbeddedEventStore({ dataDir: dir });
      await first.appendToStream('order-kept', [{ type: 'OrderPlaced', data: { id: 'kept' } }], {
        expectedRevision: 'no_stream',
      });
      await first.close();
      const second = await createEmbeddedEventStore({ dataDir: dir });
      const { events } = await second.readStream('order-kept');
      await second.close();
      expect(events.map((e) => e.data)).toEqual([{ id: 'kept' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
