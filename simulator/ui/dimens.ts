/** Android units and the system's colours and sizes, in pixels for one screen density. */
import type { DeviceProfile } from '../device/contracts.ts';
import { selectFontFace, type FontFace } from './render/font.ts';
import type { TextStyle } from './screen-spec.ts';

export const COLORS = {
  statusBar: 0x1b1b1f,
  navBar: 0x1b1b1f,
  systemIcon: 0xffffff,
  windowBackground: 0xfffbfe,
  launcherBackground: 0x2d3e50,
  launcherText: 0xffffff,
  text: 0x1c1b1f,
  secondaryText: 0x5f6368,
  hint: 0x9aa0a6,
  divider: 0xe0e0e0,
  accent: 0x1a73e8,
  onAccent: 0xffffff,
  disabled: 0xbdbdbd,
  dialogBackground: 0xffffff,
  scrim: 0x000000,
  shadeBackground: 0x202124,
  shadeCard: 0xf1f3f4,
  trackOff: 0xc4c7c5,
} as const;

/** App bar colours, picked from the package name so apps look different but stable. */
const APP_BAR_COLORS = [0x1a73e8, 0x188038, 0xd93025, 0x6750a4, 0x00796b, 0xe37400, 0x3949ab, 0x5f6368];

export function pickAppBarColor(packageName: string): number {
  let hash = 0;
  for (const char of packageName) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return APP_BAR_COLORS[hash % APP_BAR_COLORS.length]!;
}

const TEXT_STYLES: Record<TextStyle | 'button', { sp: number; bold: boolean }> = {
  headline: { sp: 20, bold: true },
  title: { sp: 16, bold: false },
  subtitle: { sp: 14, bold: true },
  body: { sp: 14, bold: false },
  caption: { sp: 12, bold: false },
  button: { sp: 14, bold: true },
};

export class Dimens {
  readonly width: number;
  readonly height: number;
  readonly density: number;
  readonly statusBarHeight: number;
  readonly navBarHeight: number;

  constructor(profile: DeviceProfile) {
    this.width = profile.screenWidth;
    this.height = profile.screenHeight;
    this.density = profile.density / 160;
    this.statusBarHeight = this.dp(24);
    this.navBarHeight = this.dp(48);
  }

  /** dp → px, rounded like Android's getDimensionPixelSize. */
  dp(value: number): number {
    return Math.round(value * this.density);
  }

  face(style: TextStyle | 'button'): FontFace {
    const { sp, bold } = TEXT_STYLES[style];
    return selectFontFace(sp * this.density, bold);
  }
}
