/** The embedded demo JMAP server: see CONTEXT.md. */
export { startDemoServer, type DemoServer, type DemoServerOptions } from './http/server.ts';
export { PROFILES, PROFILE_NAMES, getProfile, type Profile, type ProfileName } from './profiles.ts';
export { DEMO_USERS } from './mail/accounts.ts';
export { tokenFor } from './data/users.ts';
