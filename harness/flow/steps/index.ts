/**
 * Every flow step, in the order `validate` lists them. A new step is one module in this folder plus
 * one import and one entry here; the profile schema (config/flow-schema.ts) and the interpreter
 * (flow/run-flow.ts) both read this list.
 */
import { acceptPermissionDialogsStep } from './accept-permission-dialogs.ts';
import { backStep } from './back.ts';
import { captureStep } from './capture.ts';
import { grantSpecialAccessStep } from './grant-special-access.ts';
import { homeStep } from './home.ts';
import { readTextStep } from './read-text.ts';
import { scrollToStep } from './scroll-to.ts';
import { shellStep } from './shell.ts';
import { tapIfPresentStep } from './tap-if-present.ts';
import { tapStep } from './tap.ts';
import { typeStep } from './type-text.ts';
import { waitForStep } from './wait-for.ts';
import { waitGoneStep } from './wait-gone.ts';

export const FLOW_STEPS = [
  tapStep,
  tapIfPresentStep,
  typeStep,
  waitForStep,
  waitGoneStep,
  scrollToStep,
  backStep,
  homeStep,
  shellStep,
  captureStep,
  readTextStep,
  acceptPermissionDialogsStep,
  grantSpecialAccessStep,
] as const;
