/** The kinds of e-mail Tilsyn sends; each user can turn any of them off. */
export const NOTIFICATION_KINDS = [
  'hearing_sent',
  'hearing_deadline_soon',
  'published',
  'returned',
  'follow_up_deadline_soon',
  'follow_up_overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  hearing_sent: 'Et udkast til tilsynsrapport er sendt i høring',
  hearing_deadline_soon: 'Høringsfristen udløber om 3 dage',
  published: 'En tilsynsrapport er offentliggjort',
  returned: 'Et besøg er sendt retur til mig',
  follow_up_deadline_soon: 'En frist i opfølgningsplanen udløber om 14 dage',
  follow_up_overdue: 'En frist i opfølgningsplanen er overskredet',
};

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  pending: 'Venter',
  sent: 'Sendt',
  failed: 'Kunne ikke sendes',
};
