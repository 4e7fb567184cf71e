/**
 * The message frame's sandbox.
 *
 * `allow-same-origin` WITHOUT `allow-scripts`: no script can run in the frame at all
 * (inline, event handler, javascript: URL), so sharing the app's origin gives mail
 * content nothing it could use, while it lets the app (the parent) read the frame's
 * document: measure its height with a ResizeObserver (a scriptless frame cannot report
 * its own size), and catch mailto: clicks. The frame also needs the app's origin to
 * load the `blob:` URLs made for inline `cid:` images.
 *
 * Never add `allow-scripts` here: with both tokens, script in the frame could reach
 * `parent` and remove its own sandbox. Not present either: `allow-forms`,
 * `allow-top-navigation*`, `allow-modals`, `allow-downloads`.
 *
 * `allow-popups` + `allow-popups-to-escape-sandbox`: links open in a new tab (the frame
 * document has <base target="_blank">) as normal, unsandboxed pages; rel=noopener
 * noreferrer on every link keeps them from reaching back.
 */
export const MESSAGE_FRAME_SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';
