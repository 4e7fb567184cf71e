import type { AccountRow } from '../../store/index.ts';
import { Compose } from './Compose.tsx';
import { useOpenCompose } from './store.ts';

/** Mounted once by the shell (lazily: compose is not in the first download). */
export default function ComposeHost({ account }: { account: AccountRow }) {
  const open = useOpenCompose();
  return open ? <Compose key={open.key} account={account} init={open} /> : null;
}
