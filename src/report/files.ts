/**
 * The file names of a report folder, in the order they are written and listed: what every run writes
 * (src/report/write.ts) and what certify copies into a bundle (src/certify/files.ts). A new report
 * format is one more entry here.
 */
export const REPORT_FILES = ['report.json', 'report.md', 'junit.xml', 'report.html'] as const;
