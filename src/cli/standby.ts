/**
 * `npm run standby -- status --primary <url> --standby <url>` · `promote --standby <url>`:
 * the operator's view of a standby (docs/operations.md, "A standby in another region") and
 * its promotion when the primary's region is lost.
 */
import { promoteStandby, readStandbyStatus } from '../platform/db/standby-status.js';

const usage = 'usage: npm run standby -- status --primary <url> --standby <url>\n       npm run standby -- promote --standby <url>';

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main([command, ...args]: string[]): Promise<number> {
  const standby = flag(args, '--standby');
  const primary = flag(args, '--primary');
  if (command === 'status' && standby && primary) {
    console.log(JSON.stringify(await readStandbyStatus(primary, standby)));
    return 0;
  }
  if (command === 'promote' && standby) {
    console.log(JSON.stringify({ promoted: true, seconds: Math.round((await promoteStandby(standby)) * 10) / 10 }));
    return 0;
  }
  console.error(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`standby: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
