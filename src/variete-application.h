/* variete-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VARIETE_TYPE_APPLICATION (variete_application_get_type ())

G_DECLARE_FINAL_TYPE (VarieteApplication, variete_application, VARIETE, APPLICATION, AdwApplication)

VarieteApplication *variete_application_new          (void);
GSettings          *variete_application_get_settings (VarieteApplication *self);

G_END_DECLS
