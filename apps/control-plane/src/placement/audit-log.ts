// Transitional: the audit log moved to audit/audit-log.ts. audit.routes.ts still reads it from here
// until it calls AuditService; delete this file then.
export { listAudit, recordAudit, verifyAudit } from '../audit/audit-log.ts';
