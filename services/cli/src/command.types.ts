/** One subcommand of `gongkai`. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Exit code. */
  run(argv: string[], env: NodeJS.ProcessEnv): Promise<number>;
}
