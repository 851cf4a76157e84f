/** Every `keel` subcommand, in the order `keel --help` lists them. A new command is one line here. */
import type { Command } from './command';
import { demoCommand } from './demo';
import { ledgerCommand } from './ledger';
import { runsCommand } from './runs';
import { serveCommand } from './serve';
import { verifyWebhookCommand } from './verify-webhook';

export const commands: Command[] = [serveCommand, runsCommand, demoCommand, verifyWebhookCommand, ledgerCommand];
