/** RFC 8621 §8: VacationResponse (a singleton with id "singleton"). */
import type { UTCDate } from './core.ts';

export interface VacationResponse {
  id: 'singleton';
  isEnabled: boolean;
  fromDate: UTCDate | null;
  toDate: UTCDate | null;
  subject: string | null;
  textBody: string | null;
  htmlBody: string | null;
}
