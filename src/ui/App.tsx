/** The application shell. Screens arrive with the UI issue; this proves the build. */
export function App() {
  return (
    <main>
      <h1>Mail</h1>
      <p>Offline-first webmail for any JMAP server.</p>
    </main>
  );
}
