import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/index.ts';
import { classifyFailure, mayBeHungProduct } from './classify-failure.ts';

const flowStep = new HarnessError('FLOW_STEP_FAILED', 'scan step 2 (waitFor): text="Scan complete" was not shown within 15000 ms');

describe('classifyFailure', () => {
  it('blames the product first when Android logged its crash or ANR', () => {
    const outcome = classifyFailure({ failure: flowStep, productFault: { code: 'PRODUCT_CRASHED', line: 'Process: com.x, PID: 1' }, deviceOutages: ['offline'] });
    expect(outcome).toMatchObject({ status: 'product-error', code: 'PRODUCT_CRASHED' });
  });

  it('calls a flow step that failed while the device was off adb a device fault, naming each state once', () => {
    const outcome = classifyFailure({ failure: flowStep, productFault: undefined, deviceOutages: ['absent', 'offline', 'absent', 'offline'] });
    expect(outcome).toMatchObject({ status: 'infra-error', code: 'DEVICE_LOST' });
    expect(outcome.message).toContain('4 report(s) of absent / offline');
  });

  it('leaves flow-error for a UI the profile cannot follow and an unrecognised results screen', () => {
    expect(classifyFailure({ failure: flowStep, productFault: undefined, deviceOutages: [] }).status).toBe('flow-error');
    expect(classifyFailure({ failure: new HarnessError('RESULTS_NOT_SHOWN', 'x'), productFault: undefined, deviceOutages: [] }).status).toBe('flow-error');
    expect(classifyFailure({ failure: new HarnessError('APPIUM_SESSION_FAILED', 'x'), productFault: undefined, deviceOutages: [] }).status).toBe('infra-error');
  });
});

describe('mayBeHungProduct', () => {
  it('probes for an ANR after a broken-looking Appium session, not after a UI the profile could not follow', () => {
    expect(mayBeHungProduct(new HarnessError('APPIUM_SESSION_FAILED', 'Timed out after 10003ms waiting for the root AccessibilityNodeInfo in the active window'))).toBe(true);
    expect(mayBeHungProduct(new HarnessError('FLOW_STEP_FAILED', 'text="Scan" was not shown within 15000 ms'))).toBe(false);
  });
});
