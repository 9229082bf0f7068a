import { StepContext } from './step-context';
import { Transition } from './transition.types';

/** One state type's step logic. Errors it throws go through Retry/Catch. */
export type StateHandler = (ctx: StepContext) => Promise<Transition>;
