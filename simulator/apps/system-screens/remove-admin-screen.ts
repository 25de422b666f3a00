/**
 * Settings' device-admin page for an ACTIVE admin whose app is being removed, as Android 13 shows it
 * (packages/apps/Settings, applications/specialaccess/deviceadmin/DeviceAdminAdd.java: started with
 * EXTRA_DEVICE_ADMIN_PACKAGE_NAME for an uninstall, `mUninstalling`; its action button reads
 * R.string.remove_and_uninstall_device_admin "Deactivate & uninstall", the warning
 * R.string.device_admin_status "This admin app is active and allows the app %1$s to perform the
 * following operations:"). Tapping it removes the admin and hands the uninstall to the package
 * installer (DevicePolicyManager.uninstallPackageWithActiveAdmins → DevicePolicyManagerService
 * .startUninstallIntent: ACTION_UNINSTALL_PACKAGE, so "Do you want to uninstall this app?" follows).
 * The buttons fire `<eventPrefix>deactivate` / `<eventPrefix>cancel`.
 */
import type { ScreenSpec } from '../../ui/index.ts';

export const DEVICE_ADMIN_ADD_ACTIVITY = 'com.android.settings.applications.specialaccess.deviceadmin.DeviceAdminAdd';

export function buildRemoveAdminScreen(appLabel: string, eventPrefix: string): ScreenSpec {
  return { title: 'Device admin app', widgets: [
    { kind: 'TextView', id: 'com.android.settings:id/admin_name', style: 'title', text: appLabel },
    { kind: 'TextView', id: 'com.android.settings:id/admin_warning', text: `This admin app is active and allows the app ${appLabel} to perform the following operations:` },
    { kind: 'TextView', id: 'com.android.settings:id/admin_policies', style: 'caption', text: 'Erase all data · Change the screen lock · Lock the screen · Monitor screen unlock attempts' },
    { kind: 'Button', id: 'com.android.settings:id/action_button', text: 'Deactivate & uninstall', onTap: { type: 'event', name: `${eventPrefix}deactivate` } },
    { kind: 'Button', id: 'com.android.settings:id/cancel_button', text: 'Cancel', variant: 'text', onTap: { type: 'event', name: `${eventPrefix}cancel` } },
  ] };
}
