/** Public surface of notices: references, texts and the safety check (issue 4 "Notices and cases"). */
export {
  isNoticeReference,
  NOTICE_ALPHABET,
  newNoticeReference,
  normalizeNoticeReference,
} from './notice-reference.ts';
export { assertSafeNoticeText, findNoticeTextProblems } from './notice-safety.ts';
export { type NoticeText, noticeFor } from './notice-text.ts';
export { REMINDER_KINDS, type ReminderKind, reminderText } from './reminder-text.ts';
