import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, type IContainer, type IProbe, type IService } from 'kubernetes-models/v1';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A manifest file by its name (for messages) and text. */
export interface ManifestFile {
  name: string;
  content: string;
}

interface Manifest {
  file: string;
  // Parsed YAML, checked by the model's schema before any rule reads it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  object: any;
}

/**
 * The manifests under `root`/k8s and its examples/ folder, named from root. The examples live
 * apart so that `kubectl apply -f k8s/`, which does not descend into folders, never applies
 * their placeholders over a real Secret.
 */
export function readManifestFiles(root: string): ManifestFile[] {
  return ['k8s', 'k8s/examples'].flatMap((dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => ({ name: `${dir}/${name}`, content: readFileSync(join(root, dir, name), 'utf8') }))
      : [],
  );
}

type ModelClass = new (data: never) => { validate(): void };
/** The kinds k8s/ may hold, each with the kubernetes-models class whose schema it must pass. */
const models: Record<string, ModelClass> = {
  'apps/v1 Deployment': Deployment as ModelClass,
  'v1 Service': Service as ModelClass,
  'v1 ConfigMap': ConfigMap as ModelClass,
  'v1 Secret': Secret as ModelClass,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget as ModelClass,
  'batch/v1 Job': Job as ModelClass,
  'networking.k8s.io/v1 Ingress': Ingress as ModelClass,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler as ModelClass,
};

/**
 * The schema checks types, enums and required fields but lets unknown fields through, and a
 * misspelt probe field (periodSecond) is silently dropped by the API server: the probe then
 * runs with defaults nobody chose. So probes are held to their known fields here.
 */
const probeFields = new Set(['exec', 'grpc', 'httpGet', 'tcpSocket', 'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']);
const httpGetFields = new Set(['host', 'httpHeaders', 'path', 'port', 'scheme']);

/** Parses every YAML document of every file and validates each against its kind's schema. */
export function parseManifests(files: ManifestFile[]): { manifests: Manifest[]; kinds: string[]; problems: string[] } {
  const manifests: Manifest[] = [];
  const kinds: string[] = [];
  const problems: string[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(file.content)) {
      if (document.errors.length > 0) {
        problems.push(`${file.name}: ${document.errors[0]!.message}`);
        continue;
      }
      const object = document.toJS();
      if (object === null || object === undefined) continue;
      const what = `${object.apiVersion} ${object.kind}`;
      kinds.push(String(object.kind));
      const Model = models[what];
      if (!Model) {
        problems.push(`${file.name}: no schema for ${what}`);
        continue;
      }
      try {
        new Model(object as never).validate();
        manifests.push({ file: file.name, object });
      } catch (error) {
        problems.push(`${file.name}: ${object.kind} ${object.metadata?.name ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { manifests, kinds, problems };
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

function checkProbe(where: string, name: string, probe: IProbe | undefined): string[] {
  if (!probe) return [`${where}: needs a ${name}`];
  const problems = Object.keys(probe).filter((field) => !probeFields.has(field)).map((field) => `${where}: ${name} has an unknown field "${field}"`);
  problems.push(...Object.keys(probe.httpGet ?? {}).filter((field) => !httpGetFields.has(field)).map((field) => `${where}: ${name}.httpGet has an unknown field "${field}"`));
  if (probe.httpGet?.path !== '/api/health') problems.push(`${where}: ${name} must ask httpGet /api/health`);
  return problems;
}

/** A container of the app: its probes, resources, user and configuration. */
function checkContainer(where: string, container: IContainer, podRunsAsNonRoot: boolean, known: Set<string>): string[] {
  const problems = [...checkProbe(where, 'readinessProbe', container.readinessProbe), ...checkProbe(where, 'livenessProbe', container.livenessProbe)];
  if (container.startupProbe) problems.push(...checkProbe(where, 'startupProbe', container.startupProbe).filter((problem) => !problem.endsWith('needs a startupProbe')));
  if (!container.resources?.requests?.cpu || !container.resources.requests.memory) problems.push(`${where}: needs resources.requests for cpu and memory`);
  if (!container.resources?.limits?.memory) problems.push(`${where}: needs a memory limit`);
  if (!(container.securityContext?.runAsNonRoot ?? podRunsAsNonRoot)) problems.push(`${where}: must run with securityContext.runAsNonRoot: true`);
  const sources = container.envFrom ?? [];
  if (!sources.some((source) => source.secretRef)) problems.push(`${where}: must take its secrets from a Secret (envFrom secretRef)`);
  if (!sources.some((source) => source.configMapRef)) problems.push(`${where}: must take its settings from a ConfigMap (envFrom configMapRef)`);
  for (const source of sources) {
    const ref = source.secretRef ? `Secret ${source.secretRef.name}` : `ConfigMap ${source.configMapRef?.name}`;
    if (!known.has(ref)) problems.push(`${where}: ${ref} is not among the manifests`);
  }
  return problems;
}

function checkDeployment(manifest: Manifest, all: Manifest[]): string[] {
  const deployment = manifest.object as IDeployment;
  const where = `${manifest.file}: Deployment ${deployment.metadata?.name}`;
  const pod = deployment.spec?.template.spec;
  const labels = deployment.spec?.template.metadata?.labels;
  const problems: string[] = [];
  if ((deployment.spec?.replicas ?? 1) < 2) problems.push(`${where}: needs 2 or more replicas`);
  if (pod?.terminationGracePeriodSeconds === undefined) problems.push(`${where}: needs terminationGracePeriodSeconds (the SIGTERM drain)`);
  const known = new Set(all.map((other) => `${other.object.kind} ${other.object.metadata?.name}`));
  for (const container of pod?.containers ?? []) problems.push(...checkContainer(`${where} container ${container.name}`, container, pod?.securityContext?.runAsNonRoot === true, known));
  const objects = (kind: string) => all.filter((other) => other.object.kind === kind).map((other) => other.object);
  if (!objects('PodDisruptionBudget').some((pdb: IPodDisruptionBudget) => matches(pdb.spec?.selector?.matchLabels, labels))) problems.push(`${where}: no PodDisruptionBudget selects its pods`);
  if (!objects('Service').some((service: IService) => matches(service.spec?.selector, labels))) problems.push(`${where}: no Service selects its pods`);
  return problems;
}

/** An example Secret holds placeholders only: a real value committed there would be public. */
function checkExampleSecret(manifest: Manifest): string[] {
  if (!manifest.file.includes('example')) return [];
  const values = { ...(manifest.object.stringData ?? {}), ...(manifest.object.data ?? {}) } as Record<string, string>;
  return Object.entries(values)
    .filter(([, value]) => !String(value).includes('REPLACE_ME'))
    .map(([key]) => `${manifest.file}: Secret ${manifest.object.metadata?.name}: ${key} must be a REPLACE_ME placeholder in an example`);
}

/** Every problem of a set of manifests: schemas first, then the rules a MonoPilot deployment must keep. */
export function checkManifests(files: ManifestFile[]): string[] {
  const { manifests, kinds, problems } = parseManifests(files);
  const deployments = manifests.filter((manifest) => manifest.object.kind === 'Deployment');
  // One the schema refused is reported already; its rules are read only on a valid one.
  if (!kinds.includes('Deployment')) problems.push('no Deployment among the manifests');
  for (const deployment of deployments) problems.push(...checkDeployment(deployment, manifests));
  for (const secret of manifests.filter((manifest) => manifest.object.kind === 'Secret')) problems.push(...checkExampleSecret(secret));
  return problems;
}
