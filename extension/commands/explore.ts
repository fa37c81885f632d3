// "Explore Design Space…": pick keys and their values or ranges, objectives and
// constraints, then explore over worker threads with a cancellable progress notification
// while the Exploration panel fills in. The editor stays responsive: the host thread only
// schedules chunks and collects them.

import * as vscode from 'vscode';
import { exploreInThreads } from '../../cli/explorePool';
import { ExploreSetupError, isSimulatedMetric, type ExploreSetup } from '../../model/explore/evaluator';
import { parseConstraint, parseObjective, sloConstraints } from '../../model/explore/objectives';
import { notFeasibleSummary, unpricedCostNote } from '../../model/explore/reasons';
import {
  explorationValid,
  valueNotes,
  infeasibleCounts,
  notEvaluableNotes,
  variedValueNote,
  variedWarningNotes,
} from '../../model/explore/results';
import { chipletSplitNotes, explorationDieNotes, nreAcrossNodesNotes, writtenMemoryNotes } from '../../model/explore/siliconNote';
import { spaceSize, type Dimension } from '../../model/explore/space';
import { dimensionFor, parseVary, SpaceError, spaceNotes } from '../../model/explore/varySpec';
import { clockNotes } from '../../model/explore/clockNote';
import type { Config } from '../../model/config/schema';
import type { AnalysisService } from '../analysisService';
import { ExplorePanel } from '../explorePanel';
import { currentPoint, explorationData, valuesOfPoint } from '../logic/exploreData';
import { objectiveItems, type TrafficSections } from '../logic/exploreObjectives';
import { analysisRevision } from '../logic/viewModel';
import { metricLabel } from '../../model/report/metricText';
import { sweepableKeys, valuesAround } from '../logic/sweepRange';
import type { Log } from '../log';
import type { PanelManager } from '../panelManager';
import { targetConfig } from './target';

/** Grids above this many points ask before running. */
const CONFIRM_POINTS = 5_000_000;

/** Runs of the Explore command this session, to number their panels. */
let explorations = 0;

export async function exploreDesignSpace(service: AnalysisService, panels: PanelManager, log: Log, uri?: unknown): Promise<void> {
  const document = await targetConfig(uri);
  if (!document) return;
  const record = await service.current(document);
  if (!record?.analysis.config) {
    void vscode.window.showErrorMessage('This config has errors that leave nothing to explore; fix them first.');
    return;
  }
  const section = (record.analysis.config as Config).explore;
  const sectionVary = Object.entries(section.vary ?? {});
  let dimensions: Dimension[] | undefined;
  let variedFrom: ExploreSetup['variedFrom'] = 'chosen';
  let objectives: string[] | undefined;
  let constraintsText: string | undefined;
  if (sectionVary.length > 0) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(file) The explore: section of this file', description: sectionVary.map(([k]) => k).join(', '), fromFile: true },
        { label: '$(edit) Choose keys and values…', fromFile: false },
      ],
      { title: 'Explore which space?' },
    );
    if (!choice) return;
    if (choice.fromFile) {
      variedFrom = 'file';
      dimensions = sectionVary.map(([path, values]) => dimensionFor(path, values));
      objectives = section.objectives;
      constraintsText = section.constraints.join('; ');
    }
  }
  dimensions ??= await askSpace(record.analysis.config);
  if (!dimensions) return;
  if (dimensions.some((d) => d.kind === 'range')) {
    void vscode.window.showErrorMessage(
      'A continuous range needs sampling: give it a step count (FROM..TO:N), or run `jalapeno explore` with `sampling: lhs`.',
    );
    return;
  }
  const config = record.analysis.config as Config;
  objectives ??= await askObjectives(record.analysis.result?.silicon !== undefined, {
    serving: record.analysis.origins.has('serving'),
    slo: config.serving?.slo !== undefined,
    // A fleet is sized only with a peak rate and an SLO (explore refuses its figures without them).
    fleet: record.analysis.origins.has('fleet.peak_rate') && config.serving?.slo !== undefined,
  });
  if (!objectives) return;
  // The file's latency targets, offered as written (search holds them by default): on the static
  // figures, or at the SLO's percentile where an objective simulates serving; a fleet is sized
  // within them already (a review found the box empty on the fleet example, and nothing said).
  const metrics = objectives.map((o) => parseObjective(o).metric);
  const sizesFleet = metrics.some((m) => m.startsWith('fleet.'));
  const fromSlo = sizesFleet ? [] : sloConstraints(config.serving.slo, metrics.some((m) => isSimulatedMetric(m)) ? 'served' : 'static');
  constraintsText ??= await vscode.window.showInputBox({
    title: sizesFleet
      ? "Constraints (optional; each fleet is sized to meet this file's serving.slo)"
      : fromSlo.length
        ? "Constraints (optional; this file's serving.slo filled in)"
        : 'Constraints (optional)',
    placeHolder: 'e.g. decode.msPerToken<=20; prefill.ms<=2000',
    value: fromSlo.join('; '),
    // The syntax needs the metrics' ids: the objectives' are named with their words (a review:
    // the step after the objectives in words fell back to bare ids).
    prompt: `METRIC<=VALUE (or >=, <, >) in the metric's unit, separated by ";": ${objectives
      .map((o) => o.replace(/:(min|max)$/, ''))
      .map((id) => `${id} is ${lowerFirst(metricLabel(id) ?? id)}`)
      .join(
        '; ',
      )}. Designs that do not fit, or exceed the TDP at any clock, are never feasible; one that throttles to fit is evaluated at its derated clock.`,
    validateInput: (v) => {
      try {
        splitConstraints(v).forEach(parseConstraint);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (constraintsText === undefined) return;

  const file = document.uri.path;
  const files = Object.fromEntries(record.analysis.texts);
  files[file] = document.getText();
  const setup: ExploreSetup = {
    file,
    files,
    root: rootOf(document.uri),
    sets: [],
    space: { dimensions, sampling: { kind: 'grid' } },
    variedFrom,
    objectives: objectives.map(parseObjective),
    constraints: splitConstraints(constraintsText).map(parseConstraint),
    metrics: [],
  };
  const total = spaceSize(setup.space);
  if (
    total > CONFIRM_POINTS &&
    (await vscode.window.showWarningMessage(`${total.toLocaleString('en')} designs: this takes a while.`, { modal: true }, 'Explore')) !==
      'Explore'
  )
    return;

  // Each run opens a panel of its own: numbered, so two runs' tabs are told apart ("Exploration 2: …").
  explorations += 1;
  const title = `Exploration${explorations > 1 ? ` ${explorations}` : ''}: ${record.analysis.name}`;
  const panel = new ExplorePanel(document.uri, panels.extensionUri, title, log);
  panel.watch(service, analysisRevision(record.analysis));
  const started = Date.now();
  let lastPost = 0;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exploring ${total.toLocaleString('en')} designs`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => {
          panel.cancelled = true;
        });
        let reported = 0;
        const { prepared, results } = await exploreInThreads(setup, {
          workerFile: vscode.Uri.joinPath(panels.extensionUri, 'dist', 'exploreWorker.js').fsPath,
          isCancelled: () => panel.cancelled,
          onProgress: (evaluated, all, partial) => {
            progress.report({
              message: `${evaluated.toLocaleString('en')} of ${all.toLocaleString('en')}`,
              increment: (100 * (evaluated - reported)) / all,
            });
            reported = evaluated;
            // Partial results at most a few times a second: drawing is the panel's work, not the host's.
            if (Date.now() - lastPost > 400) {
              lastPost = Date.now();
              partial.seconds = (Date.now() - started) / 1e3;
              panel.show(
                explorationData(partial, document.uri.toString(), total, { done: false, cancelled: false, ran: evaluated }),
                partial,
              );
            }
          },
        });
        // The time the user waited, as the running count showed it: setup (a traffic config's
        // serving simulation) included, not the workers' share alone ("Done: … in 7 ms" after a
        // run that had read 3 s while running: a review).
        results.seconds = (Date.now() - started) / 1e3;
        // Values no point can take (warned once), why points could not be evaluated and why evaluated ones are not feasible, as the CLI says them.
        const { notFeasible, byReason } = infeasibleCounts(results);
        // A cost metric of a chip with no price has no value: every point is then not feasible, with no reason bit to count.
        const unpriced = unpricedCostNote(prepared);
        const notes = [
          ...spaceNotes(setup.space.dimensions),
          ...clockNotes(setup.space.dimensions),
          ...prepared.diagnostics.map(variedValueNote),
          ...notEvaluableNotes(results, (index) => prepared.whyNot(index)),
          ...variedWarningNotes(results, (index) => prepared.whatWarned(index)),
          ...valueNotes(results),
          ...(notFeasible > 0 ? [notFeasibleSummary(notFeasible, byReason)] : []),
          ...(unpriced && notFeasible > 0 ? [unpriced] : []),
          ...explorationDieNotes(prepared, setup.space),
          ...writtenMemoryNotes(prepared, setup.space),
          ...nreAcrossNodesNotes(prepared, setup.space),
          ...chipletSplitNotes(prepared, results),
        ];
        // Where the config as written stands among them: the editor's evaluation of it (its latest,
        // whose traffic may have finished simulating meanwhile), if it has one of this text.
        const latest = service.get(document.uri) ?? record;
        const evaluated = latest.analysis.texts.get(file) === files[file] && !latest.servingPending ? latest : undefined;
        const paths = results.space.dimensions.flatMap((d) => d.paths);
        const first = valuesOfPoint(results, 0);
        const current = evaluated?.analysis.result
          ? currentPoint(
              results.metrics,
              evaluated.analysis.result,
              paths,
              paths.map((p) => first[p]),
              evaluated.analysis.config,
            )
          : undefined;
        panel.show(
          explorationData(results, document.uri.toString(), total, {
            done: true,
            cancelled: panel.cancelled,
            notes,
            ...(current ? { current } : {}),
            // A likely typo in the file: every point is of another design, as the CLI marks it (a code review).
            valid: explorationValid(prepared),
          }),
          results,
        );
        log.info(
          `explored ${results.evaluated} of ${total} designs of ${document.uri.toString()} in ${results.seconds.toFixed(2)} s; front ${results.front.length}${panel.cancelled ? ' (cancelled)' : ''}`,
        );
      },
    );
  } catch (error) {
    if (!(error instanceof ExploreSetupError)) throw error;
    panel.dispose();
    void vscode.window.showErrorMessage(
      `${error.message}${error.diagnostics.length ? `: ${error.diagnostics.map((d) => d.message).join(' ')}` : ''}`,
    );
  }
}

function rootOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? folder.uri.path : uri.path.slice(0, uri.path.lastIndexOf('/')) || '/';
}

function splitConstraints(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Keys one at a time: each with a list (`1, 8, 64`) or a range (`1..256:9log`), until "Explore". */
async function askSpace(config: unknown): Promise<Dimension[] | undefined> {
  const dimensions: Dimension[] = [];
  const keys = sweepableKeys(config);
  for (;;) {
    const used = new Set(dimensions.flatMap((d) => d.paths));
    const size = dimensions.reduce((n, d) => n * (d.kind === 'discrete' ? d.choices.length : 1), 1);
    const items: (vscode.QuickPickItem & { key?: string })[] = [
      ...(dimensions.length
        ? [{ label: '$(play) Explore', description: `${size.toLocaleString('en')} designs over ${[...used].join(', ')}` }]
        : []),
      // The exploration's own settings are not the design's: they cannot be varied.
      ...keys.filter((k) => !used.has(k) && !k.startsWith('explore.')).map((k) => ({ label: k, key: k })),
      { label: 'system.chips + tensor_parallel + pipeline_parallel', description: 'every layout of up to 64 chips', key: 'layout' },
      { label: 'workload.precision.weights', key: 'workload.precision.weights' },
      { label: 'chip.fixed_function', key: 'chip.fixed_function' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: dimensions.length ? `Vary another key (${dimensions.length} so far)` : 'Vary which key?',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    if (!picked.key) return dimensions;
    if (picked.key === 'layout') {
      const { parallelismDimension } = await import('../../model/explore/search');
      dimensions.push(parallelismDimension(64));
      continue;
    }
    // Pre-filled as a sweep's bounds are: half to double the config's value, 7 values through it
    // (a review: the box started empty where Sweep offers a range).
    const prefill = valuesAround(picked.key, config);
    const values = await vscode.window.showInputBox({
      title: `Values of ${picked.key}`,
      ...(prefill ? { value: prefill } : {}),
      placeHolder: 'e.g. 1, 8, 64   or   2 TB/s..8 TB/s:7   or   1..256:9log',
      prompt: "A list in the config's syntax, or FROM..TO:N (N values, linear) / FROM..TO:Nlog (constant ratio).",
      validateInput: (v) => {
        try {
          const d = parseVary(`${picked.key}=${v}`);
          return d.kind === 'range' ? 'Give a step count: FROM..TO:N' : undefined;
        } catch (e) {
          return e instanceof SpaceError ? e.message : String(e);
        }
      },
    });
    if (values === undefined) return undefined;
    dimensions.push(parseVary(`${picked.key}=${values}`));
  }
}

async function askObjectives(dieModelled: boolean, traffic: TrafficSections): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(objectiveItems(dieModelled, traffic), {
    title: 'Objectives (the Pareto front trades these)',
    canPickMany: true,
  });
  if (!picked || picked.length === 0) return undefined;
  return picked.map((p) => p.objective);
}

/** A label inside a sentence: its first letter lowered unless it starts an acronym (`KV cache`, `TTFT` kept), the rest as written (`1M`). */
const lowerFirst = (label: string) => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));
