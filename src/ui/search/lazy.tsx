/** The search panel, loaded when search is first used (it brings the server search along). */
export { SearchPanel } from './SearchPanel.tsx';
