/**
 * `settings` namespaces of a freshly wiped emulator (the values `settings list <ns>` shows on a
 * Google APIs image). `enabled_accessibility_services` and `enabled_notification_listeners` in
 * the secure namespace are the truth for which services are bound, as on a real device.
 */
import type { DeviceProfile } from './contracts.ts';

export type SettingsNamespace = 'system' | 'secure' | 'global';

export type SettingsTables = Record<SettingsNamespace, Record<string, string>>;

export function createDefaultSettings(profile: DeviceProfile): SettingsTables {
  return {
    system: {
      accelerometer_rotation: '0',
      alarm_alert: 'content://media/internal/audio/media/13?title=Alarm_Classic&canonical=1',
      dim_screen: '1',
      dtmf_tone: '1',
      font_scale: '1.0',
      haptic_feedback_enabled: '1',
      lockscreen_sounds_enabled: '1',
      mode_ringer_streams_affected: '422',
      mute_streams_affected: '111',
      notification_sound: 'content://media/internal/audio/media/36?title=OnTheHunt&canonical=1',
      pointer_speed: '0',
      ringtone: 'content://media/internal/audio/media/95?title=Ring_Synth_04&canonical=1',
      screen_brightness: '102',
      screen_brightness_mode: '0',
      screen_off_timeout: '60000',
      sound_effects_enabled: '1',
      time_12_24: '12',
      user_rotation: '0',
      vibrate_when_ringing: '0',
      volume_alarm: '6',
      volume_music: '5',
      volume_notification: '5',
      volume_ring: '5',
      volume_system: '7',
      volume_voice: '4',
    },
    secure: {
      accessibility_display_inversion_enabled: '0',
      accessibility_enabled: '0',
      android_id: androidIdFor(profile.avdName),
      backup_enabled: '0',
      bluetooth_name: 'Android',
      default_input_method: 'com.android.inputmethod.latin/.LatinIME',
      enabled_accessibility_services: '',
      enabled_input_methods: 'com.android.inputmethod.latin/.LatinIME',
      enabled_notification_listeners: '',
      immersive_mode_confirmations: 'confirmed',
      install_non_market_apps: '1',
      location_mode: '3',
      location_providers_allowed: 'gps,network',
      lock_screen_lock_after_timeout: '5000',
      lockscreen_disabled: '1',
      screensaver_enabled: '0',
      selected_input_method_subtype: '-1',
      skip_first_use_hints: '1',
      user_setup_complete: '1',
      voice_interaction_service: '',
    },
    global: {
      adb_enabled: '1',
      airplane_mode_on: '0',
      animator_duration_scale: '1.0',
      auto_time: '1',
      auto_time_zone: '1',
      bluetooth_on: '0',
      boot_count: '1',
      data_roaming: '0',
      development_settings_enabled: '1',
      device_name: profile.model,
      device_provisioned: '1',
      mobile_data: '1',
      network_preference: '1',
      package_verifier_user_consent: '-1',
      stay_on_while_plugged_in: '7',
      transition_animation_scale: '1.0',
      usb_mass_storage_enabled: '1',
      // Google Play images verify adb installs with Play Protect ("Verify apps over USB", on); others have no verifier.
      verifier_verify_adb_installs: (profile.imageTag ?? '').includes('playstore') ? '1' : '0',
      wifi_on: '1',
      wifi_sleep_policy: '2',
      window_animation_scale: '1.0',
    },
  };
}

/** A stable 16-hex-digit Settings.Secure.ANDROID_ID per AVD (real ones are random per wipe). */
function androidIdFor(avdName: string): string {
  let high = 0x9e3779b9;
  let low = 0x7f4a7c15;
  for (const char of avdName) {
    high = Math.imul(high ^ char.charCodeAt(0), 0x85ebca6b) >>> 0;
    low = Math.imul(low ^ char.charCodeAt(0), 0xc2b2ae35) >>> 0;
  }
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
}

export function isSettingsNamespace(value: string | undefined): value is SettingsNamespace {
  return value === 'system' || value === 'secure' || value === 'global';
}
