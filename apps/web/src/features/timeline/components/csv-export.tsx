import { useMutation } from '@tanstack/react-query';
import { toCsv, downloadText } from '../../../lib/csv.ts';
import { formatCount } from '../../../lib/format.ts';
import { CSV_MAX_EVENTS, fetchAllEvents } from '../api/timeline-queries.ts';
import { CSV_HEADER, csvFileName, csvRecord, type TimelineFilter } from '../model/timeline-filter.ts';

/**
 * "Export CSV": every event the filters select (not only the pages loaded), asked page by page and
 * written in the browser (RFC 4180, formulas disarmed), up to CSV_MAX_EVENTS.
 */
export function CsvExport({ filter }: { filter: TimelineFilter }) {
  const exportCsv = useMutation({
    mutationFn: async () => {
      const { events, truncated } = await fetchAllEvents(filter);
      downloadText(csvFileName(filter), toCsv(CSV_HEADER, events.map(csvRecord)));
      return { count: events.length, truncated };
    },
  });
  return (
    <div className="csv-export">
      <button type="button" className="ops-button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>
        {exportCsv.isPending ? 'Preparing CSV…' : 'Export CSV'}
      </button>
      <span role="status" className="muted">
        {exportCsv.isSuccess &&
          `${formatCount(exportCsv.data.count)} ${exportCsv.data.count === 1 ? 'event' : 'events'} exported${exportCsv.data.truncated ? ` (the first ${formatCount(CSV_MAX_EVENTS)}; narrow the filters for the rest)` : ''}`}
        {exportCsv.isError && `The CSV could not be prepared: ${exportCsv.error.message}`}
      </span>
    </div>
  );
}
