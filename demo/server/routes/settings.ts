/** GET|PATCH /production/:pid/settings, GET|PATCH /org/settings (SETTINGS_EDIT). */
import type { Operation } from '../../../src/contract/types.js';
import { applyPatchCopy, validatePatchPaths } from '../../../src/backend/validation.js';
import type { OrgSettings, ProductionSettings } from '../../../src/contract/types.js';
import type { RouteModule } from '../context.js';
import { principalOf, requireRight } from '../auth.js';
import { badRequest } from '../errors.js';
import { errors, params, ref } from '../schemas.js';
import { checkDocument } from '../validate.js';

export const PATCH_CONSUMES = ['application/json-patch+json', 'application/json'];

const PRODUCTION_KEYS = ['reviewStatusConfig', 'shareDefaults', 'clientVersionName'];
const ORG_KEYS = ['studioName', 'logoUrl', 'accentColor', 'senderName', 'senderEmail', 'clientTheme'];

export const settingsRoutes: RouteModule = {
  name: 'settings',
  register(app, { repo, auth }) {
    app.get(
      '/production/:pid/settings',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Production settings (review statuses, share defaults, client version name)',
          tags: ['settings'],
          params: params(),
          response: { 200: ref('ProductionSettings'), ...errors(401, 403, 404) },
        },
      },
      async (request) => repo.settings(principalOf(request).productionId!),
    );

    app.patch<{ Body: Operation[] }>(
      '/production/:pid/settings',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Edit the production settings with a JSON Patch (SETTINGS_EDIT)',
          description: `Ops may touch ${PRODUCTION_KEYS.join(', ')}; the result must be valid ProductionSettings (status ids unique).`,
          tags: ['settings'],
          params: params(),
          consumes: PATCH_CONSUMES,
          body: ref('JsonPatch'),
          response: { 200: ref('ProductionSettings'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        requireRight(p, 'SETTINGS_EDIT', 'changing the production settings');
        validatePatchPaths(request.body, PRODUCTION_KEYS, 'the production settings');
        return repo.tx(() => {
          const next = applyPatchCopy(repo.settings(p.productionId!), request.body) as ProductionSettings;
          checkDocument('ProductionSettings', next);
          const ids = next.reviewStatusConfig.possibleValues.map((v) => v.id);
          if (new Set(ids).size !== ids.length) {
            throw badRequest('reviewStatusConfig.possibleValues', 'reviewStatusConfig.possibleValues must have unique ids');
          }
          repo.saveSettings(p.productionId!, next);
          return next;
        });
      },
    );

    app.get(
      '/org/settings',
      {
        onRequest: auth.user,
        schema: {
          summary: 'Organization settings (studio name, logo, accent colour, e-mail sender)',
          tags: ['settings'],
          response: { 200: ref('OrgSettings'), ...errors(401) },
        },
      },
      async () => repo.orgSettings(),
    );

    app.patch<{ Body: Operation[] }>(
      '/org/settings',
      {
        onRequest: auth.user,
        schema: {
          summary: 'Edit the organization settings with a JSON Patch (SETTINGS_EDIT in any production)',
          description: `Ops may touch ${ORG_KEYS.join(', ')}; the result must be valid OrgSettings.`,
          tags: ['settings'],
          consumes: PATCH_CONSUMES,
          body: ref('JsonPatch'),
          response: { 200: ref('OrgSettings'), ...errors(400, 401, 403, 409) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        requireRight(p, 'SETTINGS_EDIT', 'changing the organization settings');
        validatePatchPaths(request.body, ORG_KEYS, 'the organization settings');
        return repo.tx(() => {
          const next = applyPatchCopy(repo.orgSettings(), request.body) as OrgSettings;
          checkDocument('OrgSettings', next);
          repo.saveOrgSettings(next);
          return next;
        });
      },
    );
  },
};
