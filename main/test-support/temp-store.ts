/** A real SQLite file in a fresh temp folder, migrated like production, for tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Store } from '../../db';

export function tempStore(): Store & { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-test-'));
  const store = openDb(path.join(dir, 'keel.db'), { durability: 'normal' });
  return {
    ...store,
    dir,
    cleanup() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
