/**
 * A code as an ICU `select` key: ICU keys take no hyphen, so `sensitive-personal` is selected as
 * `sensitive_personal`; the code itself goes along (`code`) for the messages' fallback branch.
 */
export const selectKey = (code: string): string => code.replaceAll('-', '_');
