/**
 * core/rehearsal — practise a block on a teaching case and be scored against the expert plan.
 * Settings in the case (./schema, resolved with defaults by ./settings), the trainee's starting case
 * (./trainee), errors measured with core/geometry (./measure, ./measure-needle, ./overlap), scoring
 * with critical errors (./score, ./credit), the learning curve and CUSUM (./curve), and the sources
 * and labelled defaults behind the numbers (./sources). The workflow is core/app/rehearse.ts.
 */
export * from './schema';
export * from './sources';
export * from './settings';
export * from './credit';
export * from './overlap';
export * from './measure';
export * from './measure-needle';
export * from './score';
export * from './trainee';
export * from './curve';
