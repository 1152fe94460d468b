/* variete-test-notifications.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean variete_test_notifications_start   (void);
guint    variete_test_notifications_get_count (void);

G_END_DECLS
