/*
 * A field's problem in the user's language. The API's field issues carry an English `message` (for API
 * users) and the kind of problem: zod's issue `code`, with `minimum`/`maximum`/`inclusive` and `origin` (what a
 * bound counts) for sizes, `expected` for a wrong type and `format` for a string format. The console says the
 * problem from those; the English message is shown only where the code says nothing a user could act on.
 */
import type { FieldIssue } from '@corridor/shared';
import { translate } from './i18n/runtime.ts';

/** The field's problem in the language in force. */
export function fieldIssueText(issue: FieldIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return translate('errors.field.missingOrType', { expected: issue.expected ?? 'other' });
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return translate('errors.field.format', { format: formatOf(issue.format) });
    case 'invalid_value':
      return translate('errors.field.invalidValue');
    case 'unrecognized_keys':
      return translate('errors.field.unrecognizedKeys');
    case 'invalid_union':
      return translate('errors.field.invalidUnion');
    case 'invalid_key':
    case 'invalid_element':
      return translate('errors.field.invalidEntry');
    case 'not_multiple_of':
      return translate('errors.field.notMultipleOf');
    default:
      // No code (an older server), `custom` (a schema's refinement, whose own English words are the only
      // statement of the rule) or a code this console does not know: the server's message, in English.
      return issue.message;
  }
}

/** zod names ISO date-times `datetime` and the other ISO forms `date`, `time`, `duration`; older names kept. */
function formatOf(format: string | undefined): string {
  if (!format) return 'other';
  return format.replace(/^iso_/, '');
}

function tooSmall({ minimum, origin, inclusive }: FieldIssue): string {
  if (minimum === undefined) return translate('errors.field.tooSmall');
  // An exclusive bound of n on a count is an inclusive bound of n + 1 ("more than 0 characters" is "at least 1").
  const count = inclusive === false ? Math.floor(minimum) + 1 : Math.ceil(minimum);
  switch (origin) {
    case 'string':
      return count <= 1 ? translate('errors.field.required') : translate('errors.field.minCharacters', { minimum: count });
    case 'array':
    case 'set':
      return translate('errors.field.minItems', { minimum: count });
    case 'number':
    case 'int':
    case 'bigint':
      return inclusive === false ? translate('errors.field.greaterThan', { minimum }) : translate('errors.field.atLeast', { minimum });
    case 'date':
      return translate('errors.field.tooEarly');
    default:
      // What the bound counts is unknown (a file's size, an older server): no number a user could misread.
      return translate('errors.field.tooSmall');
  }
}

function tooBig({ maximum, origin, inclusive }: FieldIssue): string {
  if (maximum === undefined) return translate('errors.field.tooBig');
  const count = inclusive === false ? Math.ceil(maximum) - 1 : Math.floor(maximum);
  switch (origin) {
    case 'string':
      return translate('errors.field.maxCharacters', { maximum: count });
    case 'array':
    case 'set':
      return translate('errors.field.maxItems', { maximum: count });
    case 'number':
    case 'int':
    case 'bigint':
      return inclusive === false ? translate('errors.field.lessThan', { maximum }) : translate('errors.field.atMost', { maximum });
    case 'date':
      return translate('errors.field.tooLate');
    default:
      return translate('errors.field.tooBig');
  }
}
