import { type FieldError, readTableFile, type TableFileReading } from '#libs/core';
import { validateForm } from '#libs/web';
import { ActivityDto } from './follow-up.dto.js';

/** The agreement file's Danish column words and the activity field each fills. */
export const AGREEMENT_COLUMNS = { tema: 'theme', mål: 'goal', aktivitet: 'activity' } as const;
/** Optional columns: a level above theme and each level's own number as written. */
export const AGREEMENT_OPTIONAL_COLUMNS = {
  gruppe: 'groupTitle',
  gruppenr: 'groupNumber',
  temanr: 'themeNumber',
  målnr: 'goalNumber',
  nr: 'number',
} as const;
const COLUMN_OF: Record<string, string> = Object.fromEntries(
  Object.entries({ ...AGREEMENT_COLUMNS, ...AGREEMENT_OPTIONAL_COLUMNS }).map(([column, field]) => [field, column]),
);

/**
 * Reads a development agreement (one row per activity: tema;mål;aktivitet, optionally
 * gruppe;gruppenr;temanr;målnr;nr), or every error by row and column.
 */
export async function readAgreementFile(
  data: Buffer,
  format: 'csv' | 'xlsx',
): Promise<{ activities: ActivityDto[]; errors: FieldError[]; readAs: TableFileReading }> {
  const columns = Object.keys(AGREEMENT_COLUMNS);
  const { rows, errors, readAs } = await readTableFile(data, format, {
    columns: [...columns, ...Object.keys(AGREEMENT_OPTIONAL_COLUMNS)],
    required: columns,
    maxRows: 2000,
  });
  if (!errors.length && !rows.length)
    errors.push({ field: 'fil', rule: 'isNotEmpty', message: 'filen har ingen rækker' });
  const activities: ActivityDto[] = [];
  for (const { line, cell } of rows) {
    const { value, errors: rowErrors } = await validateForm(ActivityDto, {
      theme: cell('tema'),
      goal: cell('mål'),
      activity: cell('aktivitet'),
      ...Object.fromEntries(Object.entries(AGREEMENT_OPTIONAL_COLUMNS).map(([column, field]) => [field, cell(column)])),
    });
    errors.push(...rowErrors.map((e) => ({ ...e, field: `række ${line}, ${COLUMN_OF[e.field] ?? e.field}` })));
    activities.push(value);
  }
  return { activities: errors.length ? [] : activities, errors, readAs };
}
