/**
 * Amanda's own records: the log and tapelist parsers, amanda.conf, the 32 KiB file header, reading
 * dumps off vtape files, and the bridges to amfetchdump and amadmin.
 */
package io.codarestore.amanda;
