import { useMutation } from '@tanstack/react-query';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { downloadCapacityCsv, type CsvSource } from '../api/capacity-csv.ts';

interface CsvButtonProps extends CsvSource {
  /** What the table is, for the button's accessible name ("Export CSV: ledger by country"). */
  what: string;
  fileName: string;
}

/** "Export CSV" of one table: the API's own CSV of the same read, downloaded as a file. */
export function CsvButton({ what, fileName, ...source }: CsvButtonProps) {
  const t = useT();
  const exportCsv = useMutation({ mutationFn: () => downloadCapacityCsv(fileName, source) });
  return (
    <span className="capacity-csv">
      <button type="button" className="ops-button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending} aria-label={t('capacity.csv.exportNamed', { what })}>
        {exportCsv.isPending ? t('capacity.csv.preparing') : t('capacity.csv.export')}
      </button>
      <span role="status" className="muted">
        {exportCsv.isSuccess && t('capacity.csv.done', { count: exportCsv.data })}
        {exportCsv.isError && t('capacity.csv.error', { error: exportCsv.error.message })}
      </span>
    </span>
  );
}
