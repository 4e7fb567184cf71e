/** The search module's two entry points, loaded after the first screen (minisearch is not small). */
import { SearchPanel, useSearchIndexUpdater } from './SearchPanel.tsx';

export function SearchIndexer({ accountId }: { accountId: string }) {
  useSearchIndexUpdater(accountId);
  return null;
}

export { SearchPanel };
