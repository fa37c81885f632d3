// Command ids, shared by the features that contribute a click target and the command
// registrations (and matching package.json's `contributes.commands`).

export const OPEN_VIEWS_COMMAND = 'jalapeno.openViews';
export const EVALUATE_NOW_COMMAND = 'jalapeno.evaluateNow';
export const COMPARE_WITH_COMMAND = 'jalapeno.compareWith';
export const SWEEP_COMMAND = 'jalapeno.sweepParameter';
export const EXPORT_REPORT_COMMAND = 'jalapeno.exportReport';
export const NEW_CONFIG_COMMAND = 'jalapeno.newConfig';
export const SHOW_LOG_COMMAND = 'jalapeno.showLog';
export const EXPLORE_COMMAND = 'jalapeno.exploreDesignSpace';
export const TOGGLE_PIN_VIEWS_COMMAND = 'jalapeno.togglePinViews';
/** VS Code's own: where a config that did not evaluate says why (the lens and the status bar of such a config). */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
