import type { TenantCommand } from '../tenant.js';
import { abortMove, MoveCleanupError, moveOrganization } from '../../platform/tenants/move.js';
import { OperatorError } from '../../platform/tenants/operator.js';

/**
 * `move <orgId> <database>`: progress on stderr, the figures as one JSON line on stdout.
 * SIGINT or SIGTERM before the switch aborts the move (the source stays the truth); a move killed
 * outright leaves leftovers that `move <orgId> --abort`, or the next move of the organization,
 * removes (a 'frozen' fence among them: until then the organization's writes answer 503).
 */
export const moveCommand: TenantCommand = {
  usage: 'move <orgId> <database> | --abort     moves an organization online (or removes what a killed move left)',
  async run(operator, args) {
    const [orgId, to] = args;
    if (!orgId || !to || args.length > 2) throw new OperatorError(`usage: npm run tenant -- ${moveCommand.usage}`);
    const progress = (message: string) => console.error(`move: ${message}`);
    if (to === '--abort') {
      await abortMove(operator, orgId, progress);
      return 0;
    }
    const controller = new AbortController();
    const stop = (signal: NodeJS.Signals) => {
      progress(`${signal}: stopping`);
      controller.abort(new Error(`stopped by ${signal}`));
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
    try {
      const result = await moveOrganization(operator, orgId, to, { signal: controller.signal, progress });
      console.log(JSON.stringify(result));
      return 0;
    } catch (error) {
      if (controller.signal.aborted && error === controller.signal.reason) {
        progress('stopped before the switch: the organization stays where it was');
        return 130;
      }
      if (!(error instanceof MoveCleanupError)) throw error;
      console.log(JSON.stringify(error.result));
      progress(error.message);
      return 1;
    } finally {
      process.off('SIGINT', stop).off('SIGTERM', stop);
    }
  },
};
