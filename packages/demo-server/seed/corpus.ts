/** Words and people the seeded demo mailbox is written from (all invented; example.* domains). */

export interface Person {
  name: string;
  email: string;
}

export const CONTACTS: Person[] = [
  { name: 'Zoë Lefèvre', email: 'zoe.lefevre@example.com' },
  { name: 'José Álvarez', email: 'jose@example.org' },
  { name: 'Björn Ångström', email: 'bjorn.angstrom@example.net' },
  { name: '田中 芽衣', email: 'mei.tanaka@example.jp' },
  { name: 'Łukasz Żółkiewski', email: 'lukasz@example.pl' },
  { name: 'Priya Natarajan', email: 'priya.n@example.com' },
  { name: 'Omar Haddad', email: 'omar.haddad@example.org' },
  { name: 'Ingrid Solberg', email: 'ingrid@example.no' },
  { name: 'Chiara Rossi', email: 'chiara.rossi@example.it' },
  { name: 'Kwame Mensah', email: 'kwame@example.com' },
  { name: 'Sofía Martínez', email: 'sofia.martinez@example.es' },
  { name: 'Noah Fischer', email: 'noah.fischer@example.de' },
  { name: 'Ελένη Παπαδοπούλου', email: 'eleni@example.gr' },
  { name: 'Dmitri Volkov', email: 'dmitri.v@example.net' },
  { name: 'Aroha Ngata', email: 'aroha@example.nz' },
  { name: 'Alice Example', email: 'alice@example.test' },
  { name: 'Bob Example', email: 'bob@example.test' },
];

export const NEWSLETTERS: { from: Person; list: string; title: string; colour: [number, number, number] }[] = [
  {
    from: { name: 'The Weekly Byte', email: 'news@weeklybyte.example.com' },
    list: 'weeklybyte.example.com',
    title: 'The Weekly Byte',
    colour: [38, 84, 166],
  },
  {
    from: { name: 'Garden Club Bulletin', email: 'bulletin@gardenclub.example.org' },
    list: 'bulletin.gardenclub.example.org',
    title: 'Garden Club Bulletin',
    colour: [46, 125, 50],
  },
  {
    from: { name: 'Café Lumière', email: 'bonjour@cafe-lumiere.example.fr' },
    list: 'offers.cafe-lumiere.example.fr',
    title: 'Café Lumière — offres de la semaine',
    colour: [121, 85, 72],
  },
  {
    from: { name: 'Open Source Digest', email: 'digest@osdigest.example.net' },
    list: 'digest.osdigest.example.net',
    title: 'Open Source Digest',
    colour: [94, 53, 177],
  },
];

export const NOTIFIERS = {
  ci: { name: 'Build Robot', email: 'builds@ci.example.org' },
  shop: { name: 'Papeterie Örnsköld', email: 'orders@papeterie.example.se' },
  travel: { name: 'Northwind Rail', email: 'tickets@northwind-rail.example.com' },
  bank: { name: 'Example Bank', email: 'statements@bank.example.com' },
  calendar: { name: 'Calendar', email: 'calendar@example.test' },
};

export const SPAMMERS: Person[] = [
  { name: 'Prize Department', email: 'winner@lucky-draw.example.biz' },
  { name: 'Crypto Gains', email: 'moon@cryptogains.example.biz' },
  { name: 'Pharmacy 24/7', email: 'deals@pills.example.biz' },
];

export interface Topic {
  subject: string;
  opening: string[];
  replies: string[];
  folder?: string;
}

export const TOPICS: Topic[] = [
  {
    subject: 'Plans for the spring garden redesign',
    opening: [
      'I sketched a first layout for the beds along the south fence.',
      'Could you have a look before Thursday? I think the herbs want more sun than they get now.',
    ],
    replies: [
      'Looks lovely. Maybe move the rosemary nearer the path?',
      'Agreed on the herbs. I can bring cuttings on Saturday.',
      'Updated the sketch — see the new version attached to my next mail.',
      'Perfect, let us start with the north corner.',
    ],
    folder: 'Projects',
  },
  {
    subject: 'Launch checklist for v2.0',
    opening: [
      'Here is the checklist for next week. Anything missing?',
      '- translations\n- release notes\n- migration guide\n- status page',
    ],
    replies: [
      'The migration guide still needs the section on exports.',
      'Release notes are drafted; I will share them tomorrow.',
      'Translations for ja and pl are in. Thanks Mei and Łukasz!',
      'Status page is ready. Shall we go on Tuesday at 10:00 UTC?',
      'Tuesday works for me.',
    ],
    folder: 'Launch',
  },
  {
    subject: 'Dinner on Friday?',
    opening: ['Are you free on Friday evening? The new Lebanese place near the station finally opened.'],
    replies: [
      'Yes! 19:30?',
      '19:30 is great. I will book a table for four.',
      'Can I bring my cousin? She is visiting this week.',
      'Of course, I changed it to five.',
    ],
  },
  {
    subject: 'Quarterly budget review',
    opening: [
      'Attached are the figures for Q3. The travel line is over by 12%, mostly because of the conference.',
      'Please check the marketing numbers before we send this to finance.',
    ],
    replies: [
      'Marketing numbers look right to me.',
      'The conference was planned, so I would not worry about travel.',
      'Sent to finance. Thanks everyone.',
    ],
  },
  {
    subject: 'Trip to Kyoto — itinerary',
    opening: [
      'I put together a rough plan for the Kyoto trip: three days in the city, one day in Nara.',
      'Temples in the morning, markets in the afternoon?',
    ],
    replies: [
      'Nara with the deer is a must!',
      "Can we add the Philosopher's Path? Cherry blossoms should be out.",
      '宿はもう予約しましたか？ (Have you booked the ryokan yet?)',
      'Booked! Confirmation below.',
    ],
    folder: 'Travel',
  },
  {
    subject: 'Code review: sync engine retries',
    opening: [
      'I pushed the branch with the new retry policy. It backs off on 429 and honours Retry-After.',
      'Would appreciate a review before Monday.',
    ],
    replies: [
      'Left a few comments. The jitter looks too small for large accounts.',
      'Good catch — bumped it to 30%.',
      'Approved. Nice work on the tests.',
    ],
  },
  {
    subject: "Book club: next month's pick",
    opening: ['We need to choose the next book. Candidates: "The Left Hand of Darkness", "Piranesi", "Kallocain".'],
    replies: ['Piranesi, please!', 'I vote for Kallocain — a Swedish classic.', 'Piranesi it is, by majority. Meeting on the 14th.'],
  },
  {
    subject: 'Apartment hand-over',
    opening: ['The landlord wants to do the hand-over inspection on the 3rd.', 'Can you be there at 9? I have a dentist appointment.'],
    replies: ['Yes, I will be there.', 'Do we need to repaint the hallway?', 'He said a clean is enough. Phew.'],
  },
  {
    subject: 'Conference talk proposal',
    opening: ['I drafted an abstract for the offline-first talk. Could you read it and tell me if it is too long?'],
    replies: ['It is good but the second paragraph could be half as long.', 'Shortened. Submitting tonight.', 'Accepted!! 🎉'],
  },
  {
    subject: 'Choir rehearsal schedule',
    opening: ['New rehearsal schedule for the winter concert: Tuesdays 18:00–20:00 in the church hall.'],
    replies: ['Will the piano be tuned by then?', 'Yes, the tuner comes next week.'],
  },
  {
    subject: 'Photos from the hike',
    opening: ['What a day! Here are a few photos from the ridge.'],
    replies: ['The one with the fog is amazing.', 'Can you send the full-size version? I want to print it.', 'Sent via the shared folder.'],
  },
  {
    subject: 'Übersetzung der Dokumentation',
    opening: ['Hallo! Ich habe die Kapitel 1–3 übersetzt. Kannst du die Begriffe im Glossar prüfen?'],
    replies: ['Sieht gut aus, nur „Postfach" statt „Mailbox" bitte.', 'Geändert. Danke!'],
  },
  {
    subject: 'Volunteer shifts at the food bank',
    opening: ['We are short of volunteers on Saturday mornings in December. Could you take one or two shifts?'],
    replies: ['I can do the 2nd and the 16th.', 'Thank you! Adding you to the rota.'],
  },
  {
    subject: 'Server migration weekend',
    opening: ['The database migration is planned for Saturday night. Expect 30 minutes of downtime.', 'Rollback plan is in the wiki.'],
    replies: ['Do we have a fresh backup before we start?', 'Yes, the snapshot runs at 22:00.', 'Migration done, all checks green.'],
  },
  {
    subject: "Recipe: grandmother's cardamom buns",
    opening: [
      'You asked for the recipe! 500 g flour, 75 g sugar, 2 tsp crushed cardamom, 25 g yeast, 250 ml milk, 75 g butter.',
      'Knead for ten minutes, let it rise for an hour.',
    ],
    replies: ['Made them yesterday — the kitchen smelled wonderful.', 'Next time try a pinch of salt in the filling.'],
  },
];

export const NEWS_HEADLINES = [
  'Why offline-first apps feel faster',
  'A gentle introduction to JMAP',
  'Planting bulbs before the frost',
  'Five tips for better code reviews',
  'The quiet return of the RSS reader',
  'Composting in small spaces',
  'Rust, Go or TypeScript for your next CLI?',
  'Tomatoes that survive a northern summer',
  'How IndexedDB stores your data',
  'Our autumn menu: pumpkin, chestnut, cardamom',
  'Service workers explained with a postal metaphor',
  'What we learned from a year of dependency updates',
];

export const SPAM_SUBJECTS = [
  'YOU HAVE WON €1,000,000 !!!',
  'Double your crypto in 24 hours',
  'Cheap meds — no prescription needed',
  'Urgent: claim your prize now',
  'Re: your invoice (unpaid)',
];

export const SIGNATURES = [
  'Best,',
  'Cheers,',
  'Thanks!',
  'Talk soon,',
  'Warm regards,',
  'Liebe Grüße,',
  'Saludos,',
  'よろしくお願いします。',
];
