import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkManifests, readManifestFiles, type ManifestFile } from './manifests.check.js';

const repositoryFiles = readManifestFiles(fileURLToPath(new URL('../../../', import.meta.url)));

/** The repository's manifests with one file's object changed by `edit` (or left out, when it answers null). */
function withChange(file: string, edit: (object: any) => any): ManifestFile[] {
  const others = repositoryFiles.filter((candidate) => candidate.name !== file);
  expect(others).toHaveLength(repositoryFiles.length - 1);
  const object = edit(parse(repositoryFiles.find((candidate) => candidate.name === file)!.content));
  return object === null ? others : [...others, { name: file, content: stringify(object) }];
}

const container = (deployment: any) => deployment.spec.template.spec.containers[0];

describe('the Kubernetes manifests check', () => {
  it("passes the repository's manifests: Deployment, Service, PodDisruptionBudget, ConfigMap and the example Secret", () => {
    expect(repositoryFiles.map((file) => file.name)).toEqual(['k8s/configmap.yaml', 'k8s/deployment.yaml', 'k8s/pdb.yaml', 'k8s/service.yaml', 'k8s/examples/secret.yaml']);
    expect(checkManifests(repositoryFiles)).toEqual([]);
  });

  it("reports what the Kubernetes schema refuses: a probe's period as text, replicas as text", () => {
    const badPeriod = withChange('k8s/deployment.yaml', (deployment) => {
      container(deployment).readinessProbe.periodSeconds = 'five';
      return deployment;
    });
    expect(checkManifests(badPeriod)).toEqual([expect.stringMatching(/Deployment monopilot: .*readinessProbe\/periodSeconds must be integer/)]);
    const badReplicas = withChange('k8s/deployment.yaml', (deployment) => ({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } }));
    expect(checkManifests(badReplicas)).toEqual([expect.stringMatching(/replicas must be integer/)]);
  });

  it('reports a misspelt probe field, which the schema lets through and the API server would drop', () => {
    const misspelt = withChange('k8s/deployment.yaml', (deployment) => {
      const probe = container(deployment).livenessProbe;
      probe.periodSecond = probe.periodSeconds;
      delete probe.periodSeconds;
      return deployment;
    });
    expect(checkManifests(misspelt)).toEqual([expect.stringMatching(/livenessProbe has an unknown field "periodSecond"/)]);
  });

  it('reports a probe that does not ask /api/health, a missing probe, one replica, and a container that may run as root', () => {
    const problems = checkManifests(
      withChange('k8s/deployment.yaml', (deployment) => {
        container(deployment).readinessProbe.httpGet.path = '/';
        delete container(deployment).livenessProbe;
        deployment.spec.replicas = 1;
        delete deployment.spec.template.spec.securityContext.runAsNonRoot;
        delete deployment.spec.template.spec.terminationGracePeriodSeconds;
        return deployment;
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/needs 2 or more replicas/),
      expect.stringMatching(/needs terminationGracePeriodSeconds/),
      expect.stringMatching(/readinessProbe must ask httpGet \/api\/health/),
      expect.stringMatching(/needs a livenessProbe/),
      expect.stringMatching(/must run with securityContext.runAsNonRoot: true/),
    ]);
  });

  it('reports pods no PodDisruptionBudget or Service selects, and configuration from a Secret that is not there', () => {
    expect(checkManifests(withChange('k8s/pdb.yaml', () => null))).toEqual([expect.stringMatching(/no PodDisruptionBudget selects its pods/)]);
    const otherSelector = withChange('k8s/service.yaml', (service) => ({ ...service, spec: { ...service.spec, selector: { app: 'other' } } }));
    expect(checkManifests(otherSelector)).toEqual([expect.stringMatching(/no Service selects its pods/)]);
    expect(checkManifests(withChange('k8s/examples/secret.yaml', () => null))).toEqual([expect.stringMatching(/Secret monopilot is not among the manifests/)]);
  });

  it('reports a real-looking value in the example Secret, and a kind it has no schema for', () => {
    const leaked = withChange('k8s/examples/secret.yaml', (secret) => ({ ...secret, stringData: { ...secret.stringData, JWT_SECRET: 'a-real-secret-of-more-than-32-characters' } }));
    expect(checkManifests(leaked)).toEqual(['k8s/examples/secret.yaml: Secret monopilot: JWT_SECRET must be a REPLACE_ME placeholder in an example']);
    const unknownKind = [...repositoryFiles, { name: 'k8s/cron.yaml', content: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' }];
    expect(checkManifests(unknownKind)).toEqual(['k8s/cron.yaml: no schema for example.com/v1 Widget']);
  });
});
