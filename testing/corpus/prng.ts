/**
 * The one PRNG of the tests: Mulberry32, seeded, so anything random in a test replays.
 * Its code lives with the demo server, whose seeded mailbox needs it at run time (and
 * product code never imports testing/); this corpus and the tests take it from here.
 */
export { prng } from '../../packages/demo-server/seed/prng.ts';
