/* variete-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "variete-request.h"

G_BEGIN_DECLS

void variete_settings_bind_request (GSettings      *settings,
                                    VarieteRequest *request);
void variete_settings_reset_form   (GSettings      *settings);

G_END_DECLS
