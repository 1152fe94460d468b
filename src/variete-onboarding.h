/* variete-onboarding.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-application.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_ONBOARDING (variete_onboarding_get_type ())

G_DECLARE_FINAL_TYPE (VarieteOnboarding, variete_onboarding, VARIETE, ONBOARDING, AdwBin)

void variete_onboarding_set_application (VarieteOnboarding  *self,
                                         VarieteApplication *application);

G_END_DECLS
