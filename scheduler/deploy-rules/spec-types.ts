/** One function of project.yml, as the deployer and the local runtime see it. */
export interface FunctionSpec {
  package: string;
  name: string;
  /** `<package>/<function>` */
  id: string;
  runtime: string;
  main: string;
  web: boolean | 'raw';
  /** The secret callers must send in `X-Require-Whisk-Auth`, or false. */
  webSecure: string | false;
  /** `web-custom-options: true`: the function answers OPTIONS and sets its own CORS headers (else the platform does). */
  webCustomOptions?: boolean;
  limits: { timeout: number; memory: number };
  environment: Record<string, string>;
  triggers: TriggerSpec[];
}

export interface TriggerSpec {
  name: string;
  cron: string;
  body: Record<string, unknown>;
  enabled: boolean;
}

export interface ProjectSpec {
  environment: Record<string, string>;
  functions: FunctionSpec[];
  /** Every `${VAR}` (and `${<file}`) the file refers to, comments included, as the deployer reads them. */
  variables: string[];
}

