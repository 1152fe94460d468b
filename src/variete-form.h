/* variete-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-request.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_FORM (variete_form_get_type ())

G_DECLARE_FINAL_TYPE (VarieteForm, variete_form, VARIETE, FORM, AdwBin)

VarieteRequest *variete_form_get_request (VarieteForm    *self);
void            variete_form_set_request (VarieteForm    *self,
                                          VarieteRequest *request);

/* For tests: the control bound to the request property @field ("prompt", "style", "width" …),
 * or one of "size-message", "webhook-message" and "denoising-row". The prompts are
 * VarietePromptEditors, the enums AdwComboRows, the strengths GtkScales, "batch" and
 * "size-mode" boxes of grouped GtkToggleButtons, "width" and "height" GtkSpinButtons, the
 * booleans GtkSwitches, "webhook" an AdwEntryRow and the messages boxes ending in a GtkLabel. */
GtkWidget      *variete_form_get_control (VarieteForm    *self,
                                          const char     *field);

G_END_DECLS
