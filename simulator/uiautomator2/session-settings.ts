/** The server's settings (`GET/POST /appium/settings`) with the defaults of appium-uiautomator2-server 10.x. */
export type SettingsValue = string | number | boolean | null;

export function createDefaultSettings(): Record<string, SettingsValue> {
  return {
    actionAcknowledgmentTimeout: 3000,
    allowInvisibleElements: false,
    ignoreUnimportantViews: false,
    elementResponseAttributes: '',
    enableMultiWindows: false,
    enableNotificationListener: true,
    enableTopmostWindowFromActivePackage: false,
    enforceXPath1: false,
    keyInjectionDelay: 0,
    scrollAcknowledgmentTimeout: 200,
    shouldUseCompactResponses: true,
    waitForIdleTimeout: 10000,
    waitForSelectorTimeout: 10000,
    normalizeTagNames: false,
    shutdownOnPowerDisconnect: true,
    simpleBoundsCalculation: false,
    trackScrollEvents: true,
    wakeLockTimeout: 86400000,
    snapshotMaxDepth: 70,
    currentDisplayId: 0,
    useResourcesForOrientationDetection: false,
    limitXPathContextScope: true,
    disableIdLocatorAutocompletion: false,
    includeExtrasInPageSource: false,
    includeA11yActionsInPageSource: false,
    // MapTestTagToResourceId.DEFAULT_VALUE (model/settings/MapTestTagToResourceId.java).
    mapTestTagToResourceId: false,
  };
}

/** The package of the UiAutomator2 server's instrumentation target (its target context). */
export const SERVER_TARGET_PACKAGE = 'io.appium.uiautomator2.server';

/**
 * ElementLocationHelpers.getPackageName: the session's `appPackage` capability when not blank, else the
 * instrumentation target context's package name.
 */
export function readIdCompletionPackage(capabilities: Readonly<Record<string, unknown>> | undefined): string {
  const appPackage = capabilities?.['appPackage'];
  return typeof appPackage === 'string' && appPackage.trim() !== '' ? appPackage : SERVER_TARGET_PACKAGE;
}
