/** Text helpers shared by every module's error messages. Pure Java. */
package org.odenet4j.text;
