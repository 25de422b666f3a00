/**
 * Every flow step, in the order `validate` lists them. A new step is one module in this folder plus
 * one import and one entry here; the profile schema (config/flow-schema.ts) and the interpreter
 * (flow/run-flow.ts) both read this list.
 */
import { acceptPermissionDialogsStep } from './accept-permission-dialogs.ts';
import { backStep } from './back.ts';
import { captureStep } from './capture.ts';
import { dismissSystemDialogsStep } from './dismiss-system-dialogs.ts';
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

import { assertNotVisibleStep } from './assert-not-visible.ts';
import { assertVisibleStep } from './assert-visible.ts';
import { ifStep } from './if.ts';
import { launchAppStep } from './launch-app.ts';
import { longPressStep } from './long-press.ts';
import { openLinkStep } from './open-link.ts';
import { pressKeyStep } from './press-key.ts';
import { repeatStep } from './repeat.ts';
import { runSubFlowStep } from './run-sub-flow.ts';
import { swipeStep } from './swipe.ts';
import { waitForFirstStep } from './wait-for-first.ts';
import { waitStep } from './wait.ts';

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
  dismissSystemDialogsStep,
  grantSpecialAccessStep,
  ifStep,
  waitForFirstStep,
  repeatStep,
  runSubFlowStep,
  assertVisibleStep,
  assertNotVisibleStep,
  swipeStep,
  longPressStep,
  pressKeyStep,
  launchAppStep,
  openLinkStep,
  waitStep,
] as const;
