export { buildProblem, buildProblemAt, workspacePackageDir } from './buildProblem.js';
export { missingIn } from './missingIn.js';
