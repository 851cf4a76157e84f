/**
 * The tray icon: draws what `tray-state.ts` decides, and hands menu commands back to the shell. Keel lives
 * here while its window is closed.
 */
import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { initialHealth, trayView, type ShellHealth, type TrayCommand, type TrayIcon, type TrayMenuEntry } from './tray-state';

export class KeelTray {
  private readonly tray: Tray;
  private readonly images = new Map<TrayIcon, NativeImage>();
  private health: ShellHealth;
  private shownIcon: TrayIcon | undefined;

  /** `iconsDir` holds tray-<icon>.png (+ @2x); `onCommand` must not throw (it runs in a menu click). */
  constructor(
    private readonly iconsDir: string,
    private readonly onCommand: (command: TrayCommand) => void,
    health: Partial<ShellHealth> = {},
  ) {
    this.health = { ...initialHealth, ...health };
    this.tray = new Tray(this.image(trayView(this.health).icon));
    // Windows and some Linux trays open the menu on right-click only: a left click brings Keel back. macOS
    // shows the menu on any click, so the menu's "Open Keel" is the way there.
    if (process.platform !== 'darwin') this.tray.on('click', () => this.onCommand('open'));
    this.render();
  }

  update(change: Partial<ShellHealth>): void {
    const next = { ...this.health, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.health)) return;
    this.health = next;
    this.render();
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private render(): void {
    if (this.tray.isDestroyed()) return;
    const view = trayView(this.health);
    if (view.icon !== this.shownIcon) {
      this.tray.setImage(this.image(view.icon));
      this.shownIcon = view.icon;
    }
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(view.menu.map((entry) => this.menuItem(entry))));
  }

  private menuItem(entry: TrayMenuEntry): MenuItemConstructorOptions {
    switch (entry.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: entry.label, enabled: false };
      case 'command':
        return { label: entry.label, enabled: entry.enabled, click: () => this.onCommand(entry.command) };
      case 'toggle':
        return { label: entry.label, type: 'checkbox', checked: entry.checked, enabled: entry.enabled, click: () => this.onCommand(entry.command) };
    }
  }

  private image(icon: TrayIcon): NativeImage {
    let image = this.images.get(icon);
    if (!image) {
      // createFromPath picks up tray-<icon>@2x.png by itself on high-density displays.
      image = nativeImage.createFromPath(path.join(this.iconsDir, `tray-${icon}.png`));
      this.images.set(icon, image);
    }
    return image;
  }
}
