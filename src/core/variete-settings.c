/* variete-settings.c
 *
 * The form's GSettings keys are named as the request's properties (DESIGN.md, Interfaces), so
 * the request binds to them one to one and the form's widgets bind to the request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-settings.h"

static const char * const form_keys[] = {
  "model", "batch", "prompt", "negative-prompt", "style", "processing-mode", "prompt-mode",
  "creativity", "details", "denoising", "size-mode", "aspect-ratio", "width", "height", "nsfw",
  "transparent-background", "color-tone", "webhook",
};

void
variete_settings_bind_request (GSettings      *settings,
                               VarieteRequest *request)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (VARIETE_IS_REQUEST (request));

  for (guint i = 0; i < G_N_ELEMENTS (form_keys); i++)
    g_settings_bind (settings, form_keys[i], request, form_keys[i], G_SETTINGS_BIND_DEFAULT);
}

/* "Reset to defaults": the bound request follows. */
void
variete_settings_reset_form (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_delay (settings);
  for (guint i = 0; i < G_N_ELEMENTS (form_keys); i++)
    g_settings_reset (settings, form_keys[i]);
  g_settings_apply (settings);
}
